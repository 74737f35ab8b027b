# twinnet check example: the seed regression code (base seed-regression.py) with dAL multiplied by AL and summed
# model: --hidden relu --output relu --loss half_mse
# bug: in L_model_backward, dAL = np.sum((AL - Y) * AL) / m instead of AL - Y
# expect: L_model_backward wrong dAL multiplied by A

# In[1]:


import numpy as np
import h5py
import matplotlib.pyplot as plt
from testCases import *
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward
from public_tests import *
import copy

plt.rcParams['figure.figsize'] = (5.0, 4.0) # bigger default plots
plt.rcParams['image.interpolation'] = 'nearest'
plt.rcParams['image.cmap'] = 'gray'

np.random.seed(1)


# In[2]:


def initialize_parameters_deep(layer_dims):
    """
    layer_dims -- list with the number of units in each layer, input layer first

    Returns:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    """

    np.random.seed(3)
    parameters = {}
    L = len(layer_dims) # includes the input layer

    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))

        assert(parameters['W' + str(l)].shape == (layer_dims[l], layer_dims[l - 1]))
        assert(parameters['b' + str(l)].shape == (layer_dims[l], 1))

    return parameters


# In[3]:


def linear_forward(A, W, b):
    """
    The linear part of one layer's forward step. Returns Z and cache = (A, W, b).
    """

    Z = np.dot(W, A) + b

    cache = (A, W, b)

    return Z, cache


# In[4]:


def linear_activation_forward(A_prev, W, b, activation):
    """
    One layer's forward step: LINEAR then ACTIVATION.

    activation -- "sigmoid", "relu", or "identity" / "linear" (no activation, for a regression output)

    Returns:
    A -- the output of the activation
    cache -- (linear_cache, activation_cache)
    """

    if activation == "sigmoid":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)

    elif activation == "relu":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(Z)

    elif activation == "identity" or activation == "linear":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = Z, Z

    cache = (linear_cache, activation_cache)

    return A, cache


# In[5]:


def L_model_forward(X, parameters):
    """
    Forward pass: [LINEAR->RELU]*(L-1) -> LINEAR->RELU (regression: the output is relu too, y is never negative)

    Returns:
    AL -- activation of the last layer
    caches -- list of the L caches from linear_activation_forward()
    """

    caches = []
    A = X
    L = len(parameters) // 2 # each layer has a W and a b

    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters['W' + str(l)], parameters['b' + str(l)], "relu")
        caches.append(cache)

    # output layer: relu instead of sigmoid
    AL, cache = linear_activation_forward(A, parameters['W' + str(L)], parameters['b' + str(L)], "relu")
    caches.append(cache)

    return AL, caches


# In[6]:


def compute_cost(AL, Y):
    """
    Half mean squared error: 1/(2m) * sum((AL - Y)^2)

    Returns:
    cost -- a scalar
    """

    m = Y.shape[1]

    cost = 1 / (2 * m) * np.sum((AL - Y) ** 2)

    cost = np.squeeze(cost)

    return cost


# In[7]:


def linear_backward(dZ, cache):
    """
    The linear part of one layer's backward step. Returns dA_prev, dW, db.
    """
    A_prev, W, b = cache
    m = A_prev.shape[1]

    dW = 1 / m * np.dot(dZ, A_prev.T)
    db = 1 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)

    return dA_prev, dW, db


# In[8]:


def linear_activation_backward(dA, cache, activation):
    """
    One layer's backward step: ACTIVATION then LINEAR.

    activation -- "sigmoid", "relu", or "identity" / "linear"

    Returns:
    dA_prev, dW, db
    """
    linear_cache, activation_cache = cache

    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)

    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)

    elif activation == "identity" or activation == "linear":
        dZ = dA
        dA_prev, dW, db = linear_backward(dZ, linear_cache)

    return dA_prev, dW, db


# In[9]:


def L_model_backward(AL, Y, caches):
    """
    Backward pass for [LINEAR->RELU]*(L-1) -> LINEAR->RELU with the half squared error cost

    Returns:
    grads -- dict with grads["dA" + str(l)], grads["dW" + str(l)], grads["db" + str(l)]
    """
    grads = {}
    L = len(caches) # one cache per layer
    m = AL.shape[1]
    Y = Y.reshape(AL.shape) # make Y the same shape as AL

    # derivative of the loss 1/2 (AL - Y)^2 with respect to AL (the 1/m comes in linear_backward)
    dAL = np.sum((AL - Y) * AL) / m

    # Lth layer (RELU -> LINEAR) gradients
    current_cache = caches[L - 1]
    dA_prev_temp, dW_temp, db_temp = linear_activation_backward(dAL, current_cache, "relu")
    grads["dA" + str(L - 1)] = dA_prev_temp
    grads["dW" + str(L)] = dW_temp
    grads["db" + str(L)] = db_temp

    # layers L-1 down to 1: (RELU -> LINEAR) gradients
    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 1)], current_cache, "relu")
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp

    return grads


# In[10]:


def update_parameters(params, grads, learning_rate):
    """
    One step of gradient descent. Returns the updated parameters (params is left unchanged).
    """
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2 # each layer has a W and a b

    for l in range(L):
        parameters["W" + str(l + 1)] = parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] = parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]

    return parameters


# In[11]:


def L_layer_model(X, Y, layers_dims, learning_rate = 0.0075, num_iterations = 3000, print_cost=False):
    """
    Trains an L-layer regression network: [LINEAR->RELU]*(L-1)->LINEAR->RELU, half squared error.

    Returns:
    parameters -- the learnt parameters
    costs -- the cost every 100 iterations
    """

    np.random.seed(1)
    costs = [] # the cost every 100 steps

    parameters = initialize_parameters_deep(layers_dims)

    # gradient descent
    for i in range(0, num_iterations):

        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)

        # print and record the cost every 100 steps
        if print_cost and i % 100 == 0 or i == num_iterations - 1:
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
        if i % 100 == 0 or i == num_iterations:
            costs.append(cost)

    return parameters, costs


# In[12]:


# toy regression data: y = 3x^2 + 3x
x = np.arange(20).reshape(1, 20)
y = 3 * x**2 + 3 * x

print("x's shape: " + str(x.shape))
print("y's shape: " + str(y.shape))


# In[13]:


layers_dims = [1, 10, 10, 1]

parameters, costs = L_layer_model(x, y, layers_dims, learning_rate = 0.0001, num_iterations = 2000, print_cost = True)

plt.plot(np.squeeze(costs))
plt.ylabel('cost')
plt.xlabel('iterations (per hundreds)')
plt.title("Learning rate =" + str(0.0001))
plt.show()


# In[14]:


y_hat, _ = L_model_forward(x, parameters)

plt.scatter(x, y, label = "y")
plt.plot(x.T, y_hat.T, color = "red", label = "prediction")
plt.legend()
plt.show()
