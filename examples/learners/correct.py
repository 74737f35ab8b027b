# twinnet check example: a learner's course 1 week 4 deep network (course model), every function correct
# model: --hidden relu --output sigmoid --loss bce
# bug: none
# expect: ok

# In[1]:


import numpy as np
import h5py
import matplotlib.pyplot as plt
from testCases import *
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward
from dnn_app_utils_v3 import load_data, predict
from public_tests import *
import copy

plt.rcParams['figure.figsize'] = (5.0, 4.0) # bigger default plots
plt.rcParams['image.interpolation'] = 'nearest'
plt.rcParams['image.cmap'] = 'gray'

np.random.seed(1)


# In[2]:


# GRADED FUNCTION: initialize_parameters

def initialize_parameters(n_x, n_h, n_y):
    """
    n_x -- size of the input layer, n_h -- of the hidden layer, n_y -- of the output layer
    Returns:
    parameters -- dict with "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (n_y, n_h), "b2" (n_y, 1)
    """
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


# In[3]:


# GRADED FUNCTION: initialize_parameters_deep

def initialize_parameters_deep(layer_dims):
    """
    layer_dims -- list with the number of units in each layer, input layer first

    Returns:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
                  Wl has shape (layer_dims[l], layer_dims[l-1]), bl has shape (layer_dims[l], 1)
    """

    np.random.seed(3)
    parameters = {}
    L = len(layer_dims) # includes the input layer

    for l in range(1, L):
        # YOUR CODE STARTS HERE
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
        # YOUR CODE ENDS HERE

        assert(parameters['W' + str(l)].shape == (layer_dims[l], layer_dims[l - 1]))
        assert(parameters['b' + str(l)].shape == (layer_dims[l], 1))

    return parameters


# In[3]:


parameters = initialize_parameters_deep([5, 4, 3])

print("W1 = " + str(parameters["W1"]))
print("b1 = " + str(parameters["b1"]))
print("W2 = " + str(parameters["W2"]))
print("b2 = " + str(parameters["b2"]))

initialize_parameters_deep_test(initialize_parameters_deep)


# In[4]:


# GRADED FUNCTION: linear_forward

def linear_forward(A, W, b):
    """
    The linear part of one layer's forward step.

    A -- activations of the previous layer (or X), shape (size of previous layer, number of examples)
    W -- weights, shape (size of current layer, size of previous layer)
    b -- bias, shape (size of current layer, 1)

    Returns:
    Z -- the pre-activation
    cache -- (A, W, b), kept for the backward pass
    """

    # YOUR CODE STARTS HERE
    Z = np.dot(W, A) + b
    # YOUR CODE ENDS HERE

    cache = (A, W, b)

    return Z, cache


# In[5]:


t_A, t_W, t_b = linear_forward_test_case()
t_Z, t_linear_cache = linear_forward(t_A, t_W, t_b)
print("Z = " + str(t_Z))

linear_forward_test(linear_forward)


# In[6]:


# GRADED FUNCTION: linear_activation_forward

def linear_activation_forward(A_prev, W, b, activation):
    """
    One layer's forward step: LINEAR then ACTIVATION.

    activation -- "sigmoid" or "relu"

    Returns:
    A -- the output of the activation
    cache -- (linear_cache, activation_cache)
    """

    if activation == "sigmoid":
        # YOUR CODE STARTS HERE
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)
        # YOUR CODE ENDS HERE

    elif activation == "relu":
        # YOUR CODE STARTS HERE
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(Z)
        # YOUR CODE ENDS HERE

    cache = (linear_cache, activation_cache)

    return A, cache


# In[7]:


t_A_prev, t_W, t_b = linear_activation_forward_test_case()

t_A, t_linear_activation_cache = linear_activation_forward(t_A_prev, t_W, t_b, activation = "sigmoid")
print("With sigmoid: A = " + str(t_A))

t_A, t_linear_activation_cache = linear_activation_forward(t_A_prev, t_W, t_b, activation = "relu")
print("With ReLU: A = " + str(t_A))

linear_activation_forward_test(linear_activation_forward)


# In[8]:


# GRADED FUNCTION: L_model_forward

def L_model_forward(X, parameters):
    """
    Forward pass: [LINEAR->RELU]*(L-1) -> LINEAR->SIGMOID

    X -- input data, shape (input size, number of examples)
    parameters -- output of initialize_parameters_deep()

    Returns:
    AL -- activation of the last layer
    caches -- list of the L caches from linear_activation_forward()
    """

    caches = []
    A = X
    L = len(parameters) // 2 # each layer has a W and a b

    # [LINEAR -> RELU]*(L-1), caches appended in order
    for l in range(1, L):
        A_prev = A
        # YOUR CODE STARTS HERE
        A, cache = linear_activation_forward(A_prev, parameters['W' + str(l)], parameters['b' + str(l)], "relu")
        caches.append(cache)
        # YOUR CODE ENDS HERE

    # LINEAR -> SIGMOID
    # YOUR CODE STARTS HERE
    AL, cache = linear_activation_forward(A, parameters['W' + str(L)], parameters['b' + str(L)], "sigmoid")
    caches.append(cache)
    # YOUR CODE ENDS HERE

    return AL, caches


# In[9]:


t_X, t_parameters = L_model_forward_test_case_2hidden()
t_AL, t_caches = L_model_forward(t_X, t_parameters)

print("AL = " + str(t_AL))

L_model_forward_test(L_model_forward)


# In[10]:


# GRADED FUNCTION: compute_cost

def compute_cost(AL, Y):
    """
    Cross-entropy cost.

    AL -- predicted probabilities, shape (1, number of examples)
    Y -- true labels (0 or 1), shape (1, number of examples)

    Returns:
    cost -- the cross-entropy cost, a scalar
    """

    m = Y.shape[1]

    # YOUR CODE STARTS HERE
    cost = -1 / m * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    # YOUR CODE ENDS HERE

    cost = np.squeeze(cost) # a plain scalar, not a (1, 1) array

    return cost


# In[11]:


t_Y, t_AL = compute_cost_test_case()
t_cost = compute_cost(t_AL, t_Y)

print("Cost: " + str(t_cost))

compute_cost_test(compute_cost)


# In[12]:


# GRADED FUNCTION: linear_backward

def linear_backward(dZ, cache):
    """
    The linear part of one layer's backward step.

    dZ -- gradient of the cost with respect to this layer's Z
    cache -- (A_prev, W, b) from the forward step

    Returns:
    dA_prev, dW, db -- gradients with respect to A_prev, W and b (same shapes as them)
    """
    A_prev, W, b = cache
    m = A_prev.shape[1]

    # YOUR CODE STARTS HERE
    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    # YOUR CODE ENDS HERE

    return dA_prev, dW, db


# In[13]:


t_dZ, t_linear_cache = linear_backward_test_case()
t_dA_prev, t_dW, t_db = linear_backward(t_dZ, t_linear_cache)

print("dA_prev: " + str(t_dA_prev))
print("dW: " + str(t_dW))
print("db: " + str(t_db))

linear_backward_test(linear_backward)


# In[14]:


# GRADED FUNCTION: linear_activation_backward

def linear_activation_backward(dA, cache, activation):
    """
    One layer's backward step: ACTIVATION then LINEAR.

    dA -- gradient of the cost with respect to this layer's activation
    cache -- (linear_cache, activation_cache)
    activation -- "sigmoid" or "relu"

    Returns:
    dA_prev, dW, db
    """
    linear_cache, activation_cache = cache

    if activation == "relu":
        # YOUR CODE STARTS HERE
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
        # YOUR CODE ENDS HERE

    elif activation == "sigmoid":
        # YOUR CODE STARTS HERE
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
        # YOUR CODE ENDS HERE

    return dA_prev, dW, db


# In[15]:


t_dAL, t_linear_activation_cache = linear_activation_backward_test_case()

t_dA_prev, t_dW, t_db = linear_activation_backward(t_dAL, t_linear_activation_cache, activation = "sigmoid")
print("With sigmoid: dA_prev = " + str(t_dA_prev))
print("With sigmoid: dW = " + str(t_dW))
print("With sigmoid: db = " + str(t_db))

t_dA_prev, t_dW, t_db = linear_activation_backward(t_dAL, t_linear_activation_cache, activation = "relu")
print("With relu: dA_prev = " + str(t_dA_prev))
print("With relu: dW = " + str(t_dW))
print("With relu: db = " + str(t_db))

linear_activation_backward_test(linear_activation_backward)


# In[16]:


# GRADED FUNCTION: L_model_backward

def L_model_backward(AL, Y, caches):
    """
    Backward pass for [LINEAR->RELU]*(L-1) -> LINEAR->SIGMOID

    AL -- output of L_model_forward()
    Y -- true labels
    caches -- the list returned by L_model_forward()

    Returns:
    grads -- dict with grads["dA" + str(l)], grads["dW" + str(l)], grads["db" + str(l)]
    """
    grads = {}
    L = len(caches) # one cache per layer
    m = AL.shape[1]
    Y = Y.reshape(AL.shape) # make Y the same shape as AL

    # YOUR CODE STARTS HERE
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    # YOUR CODE ENDS HERE

    # Lth layer (SIGMOID -> LINEAR) gradients
    # YOUR CODE STARTS HERE
    current_cache = caches[L - 1]
    dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache, "sigmoid")
    grads["dA" + str(L - 1)] = dA_prev_temp
    grads["dW" + str(L)] = dW_temp
    grads["db" + str(L)] = db_temp
    # YOUR CODE ENDS HERE

    # layers L-1 down to 1: (RELU -> LINEAR) gradients
    for l in reversed(range(L - 1)):
        # YOUR CODE STARTS HERE
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 1)], current_cache, "relu")
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
        # YOUR CODE ENDS HERE

    return grads


# In[17]:


t_AL, t_Y_assess, t_caches = L_model_backward_test_case()
grads = L_model_backward(t_AL, t_Y_assess, t_caches)

print("dA0 = " + str(grads['dA0']))
print("dA1 = " + str(grads['dA1']))
print("dW1 = " + str(grads['dW1']))
print("dW2 = " + str(grads['dW2']))
print("db1 = " + str(grads['db1']))
print("db2 = " + str(grads['db2']))

L_model_backward_test(L_model_backward)


# In[18]:


# GRADED FUNCTION: update_parameters

def update_parameters(params, grads, learning_rate):
    """
    One step of gradient descent.

    params -- dict of parameters
    grads -- dict of gradients, output of L_model_backward

    Returns:
    parameters -- dict of updated parameters
    """
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2 # each layer has a W and a b

    # YOUR CODE STARTS HERE
    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
    # YOUR CODE ENDS HERE

    return parameters


# In[19]:


t_parameters, grads = update_parameters_test_case()
t_parameters = update_parameters(t_parameters, grads, 0.1)

print("W1 = " + str(t_parameters["W1"]))
print("b1 = " + str(t_parameters["b1"]))
print("W2 = " + str(t_parameters["W2"]))
print("b2 = " + str(t_parameters["b2"]))

update_parameters_test(update_parameters)


# In[20]:


# GRADED FUNCTION: L_layer_model

def L_layer_model(X, Y, layers_dims, learning_rate = 0.0075, num_iterations = 3000, print_cost=False):
    """
    Trains an L-layer network: [LINEAR->RELU]*(L-1)->LINEAR->SIGMOID.

    X -- input data, shape (n_x, number of examples)
    Y -- true labels, shape (1, number of examples)
    layers_dims -- list with the input size and each layer's size, length (number of layers + 1)
    print_cost -- if True, print the cost every 100 steps

    Returns:
    parameters -- the learnt parameters
    costs -- the cost every 100 iterations
    """

    np.random.seed(1)
    costs = [] # the cost every 100 steps

    # YOUR CODE STARTS HERE
    parameters = initialize_parameters_deep(layers_dims)
    # YOUR CODE ENDS HERE

    # gradient descent
    for i in range(0, num_iterations):

        # YOUR CODE STARTS HERE
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        # YOUR CODE ENDS HERE

        # print and record the cost every 100 steps
        if print_cost and i % 100 == 0 or i == num_iterations - 1:
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
        if i % 100 == 0 or i == num_iterations:
            costs.append(cost)

    return parameters, costs


# In[21]:


train_x_orig, train_y, test_x_orig, test_y, classes = load_data()

m_train = train_x_orig.shape[0]
num_px = train_x_orig.shape[1]
m_test = test_x_orig.shape[0]
print ("Number of training examples: " + str(m_train))
print ("Number of testing examples: " + str(m_test))

# flatten each image to a column, then scale the pixels to [0, 1]
train_x_flatten = train_x_orig.reshape(train_x_orig.shape[0], -1).T
test_x_flatten = test_x_orig.reshape(test_x_orig.shape[0], -1).T
train_x = train_x_flatten / 255.
test_x = test_x_flatten / 255.

print ("train_x's shape: " + str(train_x.shape))
print ("test_x's shape: " + str(test_x.shape))


# In[22]:


layers_dims = [12288, 20, 7, 5, 1] # 4 layers

parameters, costs = L_layer_model(train_x, train_y, layers_dims, num_iterations = 2500, print_cost = True)

plt.plot(np.squeeze(costs))
plt.ylabel('cost')
plt.xlabel('iterations (per hundreds)')
plt.title("Learning rate =" + str(0.0075))
plt.show()


# In[23]:


pred_train = predict(train_x, train_y, parameters)
pred_test = predict(test_x, test_y, parameters)
