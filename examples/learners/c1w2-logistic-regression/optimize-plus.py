# twinnet check example: the course 1 week 2 logistic regression notebook (base correct.py) with optimize stepping up the gradient
# model: notebook c1w2-logistic-regression
# bug: optimize does w = w + learning_rate * dw and b = b + learning_rate * db
# expect: optimize wrong: the update has the wrong sign (w and b move up the gradient)

# In[1]:


import numpy as np
import copy
import matplotlib.pyplot as plt
import h5py
import scipy
from PIL import Image
from scipy import ndimage
from lr_utils import load_dataset
from public_tests import *


# In[2]:


# the cat / non-cat images and their labels
train_set_x_orig, train_set_y, test_set_x_orig, test_set_y, classes = load_dataset()


# In[3]:


index = 25
plt.imshow(train_set_x_orig[index])
print ("y = " + str(train_set_y[:, index]) + ", it's a '" + classes[np.squeeze(train_set_y[:, index])].decode("utf-8") + "' picture.")


# In[4]:


# YOUR CODE STARTS HERE
m_train = train_set_x_orig.shape[0]
m_test = test_set_x_orig.shape[0]
num_px = train_set_x_orig.shape[1]
# YOUR CODE ENDS HERE

print ("Number of training examples: m_train = " + str(m_train))
print ("Number of testing examples: m_test = " + str(m_test))
print ("Height/Width of each image: num_px = " + str(num_px))


# In[5]:


# one column per image: (num_px * num_px * 3, m)
# YOUR CODE STARTS HERE
train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T
# YOUR CODE ENDS HERE

print ("train_set_x_flatten shape: " + str(train_set_x_flatten.shape))
print ("test_set_x_flatten shape: " + str(test_set_x_flatten.shape))


# In[6]:


# pixel values 0..255 scaled to 0..1
train_set_x = train_set_x_flatten / 255.
test_set_x = test_set_x_flatten / 255.


# In[7]:


# GRADED FUNCTION: sigmoid

def sigmoid(z):
    """
    The logistic function, element by element.

    z -- a scalar or a numpy array

    Returns:
    s -- 1 / (1 + exp(-z)), same shape as z
    """

    # YOUR CODE STARTS HERE
    s = 1 / (1 + np.exp(-z))
    # YOUR CODE ENDS HERE

    return s


# In[8]:


print ("sigmoid([0, 2]) = " + str(sigmoid(np.array([0,2]))))

sigmoid_test(sigmoid)


# In[9]:


# GRADED FUNCTION: initialize_with_zeros

def initialize_with_zeros(dim):
    """
    A zero weight column and a zero bias.

    dim -- number of weights (features)

    Returns:
    w -- zeros of shape (dim, 1)
    b -- the bias, a Python float 0.0
    """

    # YOUR CODE STARTS HERE
    w = np.zeros((dim, 1))
    b = 0.0
    # YOUR CODE ENDS HERE

    return w, b


# In[10]:


dim = 2
w, b = initialize_with_zeros(dim)

assert type(b) == float
print ("w = " + str(w))
print ("b = " + str(b))

initialize_with_zeros_test_1(initialize_with_zeros)
initialize_with_zeros_test_2(initialize_with_zeros)


# In[11]:


# GRADED FUNCTION: propagate

def propagate(w, b, X, Y):
    """
    Forward and backward pass of logistic regression.

    w -- weights, shape (num_px * num_px * 3, 1)
    b -- bias, a scalar
    X -- data, shape (num_px * num_px * 3, number of examples)
    Y -- labels 0/1, shape (1, number of examples)

    Returns:
    grads -- dict with "dw" (same shape as w) and "db" (a scalar)
    cost -- the cross-entropy cost
    """

    m = X.shape[1]

    # forward: activations, then the cost
    # YOUR CODE STARTS HERE
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    # YOUR CODE ENDS HERE

    # backward: the gradients of the cost
    # YOUR CODE STARTS HERE
    dw = np.dot(X, (A - Y).T) / m
    db = np.sum(A - Y) / m
    # YOUR CODE ENDS HERE

    cost = np.squeeze(np.array(cost))

    grads = {"dw": dw,
             "db": db}

    return grads, cost


# In[12]:


w =  np.array([[1.], [2]])
b = 1.5
X = np.array([[1., -2., -1.], [3., 0.5, -3.2]])
Y = np.array([[1, 1, 0]])
grads, cost = propagate(w, b, X, Y)

assert type(grads["dw"]) == np.ndarray
assert grads["dw"].shape == (2, 1)
assert type(grads["db"]) == np.float64

print ("dw = " + str(grads["dw"]))
print ("db = " + str(grads["db"]))
print ("cost = " + str(cost))

propagate_test(propagate)


# In[13]:


# GRADED FUNCTION: optimize

def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """
    Gradient descent on w and b.

    num_iterations -- number of steps
    learning_rate -- step size
    print_cost -- if True, print the cost every 100 steps

    Returns:
    params -- dict with the final "w" and "b"
    grads -- dict with the last "dw" and "db"
    costs -- the cost every 100 steps
    """

    w = copy.deepcopy(w)
    b = copy.deepcopy(b)

    costs = []

    for i in range(num_iterations):
        # YOUR CODE STARTS HERE
        grads, cost = propagate(w, b, X, Y)
        # YOUR CODE ENDS HERE

        dw = grads["dw"]
        db = grads["db"]

        # one step downhill
        # YOUR CODE STARTS HERE
        w = w + learning_rate * dw
        b = b + learning_rate * db
        # YOUR CODE ENDS HERE

        if i % 100 == 0:
            costs.append(cost)

            if print_cost:
                print ("Cost after iteration %i: %f" %(i, cost))

    params = {"w": w,
              "b": b}

    grads = {"dw": dw,
             "db": db}

    return params, grads, costs


# In[14]:


params, grads, costs = optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False)

print ("w = " + str(params["w"]))
print ("b = " + str(params["b"]))
print ("dw = " + str(grads["dw"]))
print ("db = " + str(grads["db"]))
print("Costs = " + str(costs))

optimize_test(optimize)


# In[15]:


# GRADED FUNCTION: predict

def predict(w, b, X):
    """
    Labels 0/1 from the learnt w and b.

    Returns:
    Y_prediction -- array of shape (1, m): 1 where the probability is above 0.5, else 0
    """

    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    w = w.reshape(X.shape[0], 1)

    # YOUR CODE STARTS HERE
    A = sigmoid(np.dot(w.T, X) + b)
    # YOUR CODE ENDS HERE

    for i in range(A.shape[1]):
        # YOUR CODE STARTS HERE
        if A[0, i] > 0.5:
            Y_prediction[0, i] = 1
        else:
            Y_prediction[0, i] = 0
        # YOUR CODE ENDS HERE

    return Y_prediction


# In[16]:


w = np.array([[0.1124579], [0.23106775]])
b = -0.3
X = np.array([[1., -1.1, -3.2],[1.2, 2., 0.1]])
print ("predictions = " + str(predict(w, b, X)))

predict_test(predict)


# In[17]:


# GRADED FUNCTION: model

def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """
    The whole logistic regression: initialize, optimize, predict.

    Returns:
    d -- dict with "costs", "Y_prediction_test", "Y_prediction_train", "w", "b",
         "learning_rate" and "num_iterations"
    """

    # YOUR CODE STARTS HERE
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)

    w = params["w"]
    b = params["b"]

    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    # YOUR CODE ENDS HERE

    if print_cost:
        print("train accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100))
        print("test accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100))

    d = {"costs": costs,
         "Y_prediction_test": Y_prediction_test,
         "Y_prediction_train" : Y_prediction_train,
         "w" : w,
         "b" : b,
         "learning_rate" : learning_rate,
         "num_iterations": num_iterations}

    return d


# In[18]:


model_test(model)


# In[19]:


logistic_regression_model = model(train_set_x, train_set_y, test_set_x, test_set_y, num_iterations=2000, learning_rate=0.005, print_cost=True)


# In[20]:


costs = np.squeeze(logistic_regression_model['costs'])
plt.plot(costs)
plt.ylabel('cost')
plt.xlabel('iterations (per hundreds)')
plt.title("Learning rate =" + str(logistic_regression_model["learning_rate"]))
plt.show()
